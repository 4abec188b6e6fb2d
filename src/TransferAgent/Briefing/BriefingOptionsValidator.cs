using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>Validates section <c>Briefing</c> (source-generated from the DataAnnotations).</summary>
[OptionsValidator]
public sealed partial class BriefingOptionsValidator : IValidateOptions<BriefingOptions>;
