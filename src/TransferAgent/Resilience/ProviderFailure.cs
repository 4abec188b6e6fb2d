namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>One provider's failure within a request, as recorded for the transfer (no secrets, no content).</summary>
/// <param name="Provider">Configured provider name, e.g. <c>openai</c>.</param>
/// <param name="Kind">Classified error.</param>
/// <param name="Message">Short, sanitised description (status code, reason); never a response body.</param>
public sealed record ProviderFailure(string Provider, EngineErrorKind Kind, string Message);
