using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>Source-generated DataAnnotations validation of <see cref="ApiOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>;
