using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>Source-generated DataAnnotations validation of <see cref="RateLimitOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
