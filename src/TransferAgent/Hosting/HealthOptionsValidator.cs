using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Hosting;

/// <summary>Validates section <c>Health</c> (source-generated).</summary>
[OptionsValidator]
public sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
