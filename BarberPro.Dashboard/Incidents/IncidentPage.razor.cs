using BarberPro.Core.Incidents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Npgsql;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// One incident (Viewer+): its severity, lead, linked alerts, resolution and timeline — people's notes beside what the
/// dashboard recorded by itself (the linked alerts' transitions, the autoscaler's scale events). Operators and above add
/// notes, resolve (summary, post-mortem link) and reopen, each re-checked on the server by <see cref="IncidentCommands"/>.
/// The timeline is read again when this process records or writes something; a failed write keeps what was typed.
/// </summary>
public sealed partial class IncidentPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private IncidentDetail? _detail;
    private string _note = "";
    private string _summary = "";
    private string _postMortem = "";
    private bool _canWrite;
    private bool _busy;
    private string? _message;
    private bool _messageIsError;
    private string? _loadError;
    private int _reloadPending;
    private bool _subscribed;

    [Parameter] public long Id { get; set; }

    [Inject] private IncidentStore Store { get; set; } = default!;
    [Inject] private IncidentSummaryStore Summaries { get; set; } = default!;
    [Inject] private IncidentCommands Commands { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private string TitleText => _detail is { } d ? $"{(d.Incident.Status == IncidentStatus.Open ? "Open" : "Resolved")}: {d.Incident.Title}" : "Incident";

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canWrite = (await Authorization.AuthorizeAsync(user, IncidentPolicies.Write)).Succeeded;
        await LoadAsync();
        if (!_subscribed)
        {
            Summaries.Changed += OnChanged;
            _subscribed = true;
        }
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            Summaries.Changed -= OnChanged;
        }

        _disposed.Cancel();
        _disposed.Dispose();
    }

    public async Task AddNoteAsync()
    {
        if (await RunAsync(ct => Commands.AddNoteAsync(Id, _note, ct)))
        {
            _note = "";
        }
    }

    public async Task ResolveAsync()
    {
        if (await RunAsync(ct => Commands.ResolveAsync(Id, _summary, _postMortem, ct)))
        {
            _summary = "";
            _postMortem = "";
        }
    }

    public Task ReopenAsync() => RunAsync(ct => Commands.ReopenAsync(Id, ct));

    private async Task<bool> RunAsync(Func<CancellationToken, Task<IncidentResult>> action)
    {
        _busy = true;
        try
        {
            var result = await action(_disposed.Token);
            _errors = new Dictionary<string, string>(result.FieldErrors, StringComparer.Ordinal);
            _message = result.Message;
            _messageIsError = !result.Saved;
            if (result.Message == IncidentCommands.DeniedText)
            {
                _canWrite = false;
            }

            if (result.Saved)
            {
                await LoadAsync();
            }

            return result.Saved;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _detail = await Store.GetAsync(Id, _disposed.Token);
            _loadError = null;
        }
        catch (NpgsqlException)
        {
            _loadError = "This incident cannot be read now: the dashboard's database is not answering.";
        }
    }

    private void OnChanged(IncidentSummary summary)
    {
        if (Interlocked.Exchange(ref _reloadPending, 1) == 1)
        {
            return;
        }

        _ = ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                Volatile.Write(ref _reloadPending, 0);
                if (_disposed.IsCancellationRequested)
                {
                    return;
                }

                await LoadAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended first.
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }
}
