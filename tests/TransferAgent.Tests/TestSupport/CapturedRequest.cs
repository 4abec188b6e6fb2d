namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>A request as the fake server saw it.</summary>
public sealed record CapturedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    IReadOnlyDictionary<string, string> FormFields,
    IReadOnlyList<CapturedFile> Files)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
