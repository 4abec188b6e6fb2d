using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>Validates section <c>CallRoom</c>: the annotations, and that a configured hold music file exists.</summary>
[OptionsValidator]
public sealed partial class CallRoomOptionsValidator : IValidateOptions<CallRoomOptions>;
