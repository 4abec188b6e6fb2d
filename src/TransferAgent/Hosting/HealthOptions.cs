using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Hosting;

/// <summary>Where the worker serves <c>/health</c>, <c>/alive</c> (liveness) and <c>/ready</c> (registered with the server): section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Semicolon-separated listen URLs (the container sets <c>http://0.0.0.0:8081</c>; port 0 picks a free port).
    /// Empty turns the endpoints off.
    /// </summary>
    [RegularExpression(@"^\s*$|^(https?://[^;\s]+)(\s*;\s*https?://[^;\s]+)*\s*$", ErrorMessage = "Health:Urls must be empty or semicolon-separated http:// URLs such as http://127.0.0.1:8081.")]
    public string Urls { get; set; } = "http://127.0.0.1:8081";
}
