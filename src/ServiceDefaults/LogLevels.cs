using Serilog.Events;

namespace WarmTransfer.ServiceDefaults;

/// <summary>Reads the <c>LOG_LEVEL</c> setting; accepts Serilog and Microsoft level names, case-insensitively.</summary>
public static class LogLevels
{
    public static LogEventLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" => LogEventLevel.Information,
        "TRACE" or "VERBOSE" => LogEventLevel.Verbose,
        "DEBUG" => LogEventLevel.Debug,
        "INFO" or "INFORMATION" => LogEventLevel.Information,
        "WARN" or "WARNING" => LogEventLevel.Warning,
        "ERROR" => LogEventLevel.Error,
        "FATAL" or "CRITICAL" => LogEventLevel.Fatal,
        _ => throw new ArgumentException($"LOG_LEVEL '{value}' is not a log level; use trace, debug, information, warning, error or critical.", nameof(value)),
    };
}
