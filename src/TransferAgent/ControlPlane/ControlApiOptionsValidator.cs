using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>Validates section <c>ControlApi</c> (source-generated from the DataAnnotations, plus the options' own rules).</summary>
[OptionsValidator]
public sealed partial class ControlApiOptionsValidator : IValidateOptions<ControlApiOptions>;
