using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>Validates section <c>Worker</c> (source-generated from the DataAnnotations, whose messages name the settings).</summary>
[OptionsValidator]
public sealed partial class AgentWorkerOptionsValidator : IValidateOptions<AgentWorkerOptions>;
