using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Source-generated DataAnnotations validation of <see cref="TransferOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class TransferOptionsValidator : IValidateOptions<TransferOptions>;
