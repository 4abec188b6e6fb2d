using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Tokens;

/// <summary>Source-generated DataAnnotations validation of <see cref="TokenOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class TokenOptionsValidator : IValidateOptions<TokenOptions>;
