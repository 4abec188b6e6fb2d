using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>Source-generated DataAnnotations validation of <see cref="TranscriptOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class TranscriptOptionsValidator : IValidateOptions<TranscriptOptions>;
