namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>
/// Which provider served a request and which failed before it, so a transfer can show "summary by extractive
/// (openai failed: timeout)". Attached to every response that passes the fallback middleware, under
/// <see cref="AdditionalPropertiesKey"/>; read it with <see cref="EngineProvenanceExtensions"/>.
/// </summary>
/// <param name="Capability"><c>stt</c>, <c>tts</c> or <c>summary</c>.</param>
/// <param name="ServedBy">The provider whose answer this is.</param>
/// <param name="Failures">Providers tried first, in order, and why they failed.</param>
public sealed record EngineProvenance(string Capability, string ServedBy, IReadOnlyList<ProviderFailure> Failures)
{
    public const string AdditionalPropertiesKey = "warmtransfer.provenance";

    public bool FellBack => Failures.Count > 0;

    /// <summary>A one-line description for transfer history and logs, e.g. <c>extractive (after openai: Timeout)</c>.</summary>
    public override string ToString() => FellBack
        ? $"{ServedBy} (after {string.Join(", ", Failures.Select(f => $"{f.Provider}: {f.Kind}"))})"
        : ServedBy;
}
