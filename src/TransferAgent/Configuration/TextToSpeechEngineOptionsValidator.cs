using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// Validates section <c>Tts</c> (source-generated): DataAnnotations on the options and their nested sections, plus the
/// options' own cross-field rules (IValidatableObject).
/// </summary>
[OptionsValidator]
public sealed partial class TextToSpeechEngineOptionsValidator : IValidateOptions<TextToSpeechEngineOptions>;
