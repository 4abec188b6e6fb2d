using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// Validates section <c>Vad</c> (source-generated): DataAnnotations on the options and their nested sections, plus the
/// options' own cross-field rules (IValidatableObject).
/// </summary>
[OptionsValidator]
public sealed partial class VadOptionsValidator : IValidateOptions<VadOptions>;
