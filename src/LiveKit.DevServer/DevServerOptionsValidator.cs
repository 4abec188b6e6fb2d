using Microsoft.Extensions.Options;

namespace LiveKit.DevServer;

/// <summary>Range and required checks of <see cref="DevServerOptions"/> (source-generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class DevServerOptionsValidator : IValidateOptions<DevServerOptions>
{
}
