using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>A form as a page renders it: where it posts, and its fields with the values a browser would send.</summary>
public sealed record HtmlForm(string Action, bool Multipart, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The first form of <paramref name="html"/> matching <paramref name="selector"/>, read as a browser would.</summary>
    public static HtmlForm Find(string html, string selector, string pagePath)
    {
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {pagePath}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "file" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }
        var action = form.GetAttribute("action");
        return new HtmlForm(string.IsNullOrEmpty(action) ? pagePath : action,
            string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase), fields);
    }

    public HtmlForm WithoutToken() => this with { Fields = [.. Fields.Where(f => f.Key != TokenField)] };

    public HtmlForm OnlyToken() => this with { Fields = [.. Fields.Where(f => f.Key == TokenField)] };

    public HtmlForm With(string name, string value) =>
        this with { Fields = [.. Fields.Where(f => f.Key != name), new(name, value)] };

    /// <summary>The body a browser would post; a multipart form also carries a small valid CSV file.</summary>
    public HttpContent Content()
    {
        if (!Multipart)
        {
            return new FormUrlEncodedContent(Fields);
        }
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Fields)
        {
            content.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent("month,category,amount_usd,note\n2024-01,Compute,1.00,forged\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "forged.csv");
        return content;
    }
}

/// <summary>
/// A digest of every row of every table of the dashboard's schema but the security audit (which records refusals):
/// equal digests before and after a request mean it wrote nothing.
/// </summary>
public static class DatabaseFingerprint
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'dashboard' AND table_type = 'BASE TABLE' AND table_name <> 'security_audit' ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(tables);
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var digest = new NpgsqlCommand(
                $"SELECT count(*)::text || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM dashboard.\"{table}\" t",
                connection);
            digests[table] = (string)(await digest.ExecuteScalarAsync())!;
        }
        return digests;
    }
}

/// <summary>
/// Lets a test choose the client address of a request (header <see cref="Header"/>), as separate machines would have;
/// the in-memory test server gives every request the same (empty) address.
/// </summary>
public sealed class ClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Keeps every log line the app writes (formatted message, exception and structured values) for a test to scan.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
