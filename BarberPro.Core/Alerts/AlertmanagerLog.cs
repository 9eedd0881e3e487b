using Microsoft.Extensions.Logging;

namespace BarberPro.Core.Alerts;

internal static partial class AlertmanagerLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Debug, Message = "Alertmanager {Operation} answered in {ElapsedMs} ms")]
    public static partial void CallSucceeded(ILogger logger, string operation, long elapsedMs);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Alertmanager {Operation} failed after {ElapsedMs} ms: {Kind} (HTTP {StatusCode}): {Error}")]
    public static partial void CallFailed(ILogger logger, string operation, AlertmanagerErrorKind kind, int? statusCode, string error, long elapsedMs);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Silence {SilenceId} saved by {Author}: {Matchers} from {StartsAt} to {EndsAt}")]
    public static partial void SilenceSaved(ILogger logger, string silenceId, string author, string matchers, DateTimeOffset startsAt, DateTimeOffset endsAt);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "Silence {SilenceId} expired")]
    public static partial void SilenceExpired(ILogger logger, string silenceId);
}
