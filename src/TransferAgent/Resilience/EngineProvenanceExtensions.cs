using Microsoft.Extensions.AI;

namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>Reads the <see cref="EngineProvenance"/> the fallback middleware attaches to responses.</summary>
public static class EngineProvenanceExtensions
{
    public static EngineProvenance? GetProvenance(this SpeechToTextResponse response) => Find(response?.AdditionalProperties);

    public static EngineProvenance? GetProvenance(this TextToSpeechResponse response) => Find(response?.AdditionalProperties);

    public static EngineProvenance? GetProvenance(this ChatResponse response) => Find(response?.AdditionalProperties);

    internal static void SetProvenance(ref AdditionalPropertiesDictionary? properties, EngineProvenance provenance)
    {
        properties ??= [];
        properties[EngineProvenance.AdditionalPropertiesKey] = provenance;
    }

    private static EngineProvenance? Find(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(EngineProvenance.AdditionalPropertiesKey, out var value) ? value as EngineProvenance : null;
}
