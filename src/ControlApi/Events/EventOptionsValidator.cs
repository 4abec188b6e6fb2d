using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Events;

/// <summary>Source-generated DataAnnotations validation of <see cref="EventOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class EventOptionsValidator : IValidateOptions<EventOptions>;
