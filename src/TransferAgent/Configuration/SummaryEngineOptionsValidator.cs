using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// Validates section <c>Summary</c> (source-generated): DataAnnotations on the options and their nested sections, plus the
/// options' own cross-field rules (IValidatableObject).
/// </summary>
[OptionsValidator]
public sealed partial class SummaryEngineOptionsValidator : IValidateOptions<SummaryEngineOptions>;
