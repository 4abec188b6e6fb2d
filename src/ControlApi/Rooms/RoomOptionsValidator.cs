using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Rooms;

/// <summary>Source-generated DataAnnotations validation of <see cref="RoomOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RoomOptionsValidator : IValidateOptions<RoomOptions>;
