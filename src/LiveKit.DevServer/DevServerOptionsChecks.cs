using System.Net;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer;

/// <summary>Checks of <see cref="DevServerOptions"/> that attributes cannot express: addresses, keys, the webhook target.</summary>
internal sealed class DevServerOptionsChecks : IValidateOptions<DevServerOptions>
{
    public ValidateOptionsResult Validate(string? name, DevServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"DevServer:BindAddress '{options.BindAddress}' is not an IP address (e.g. 127.0.0.1).");
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"DevServer:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address (e.g. 127.0.0.1).");
        }

        foreach (var (key, secret) in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                failures.Add("DevServer:Keys has an empty API key.");
            }
            else if (string.IsNullOrEmpty(secret))
            {
                failures.Add($"DevServer:Keys:{key} has an empty secret.");
            }
        }

        if (options.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"DevServer:WebhookUrl '{url}' must be an absolute http or https URL.");
        }

        if (options.WebhookApiKey is { } signer && !options.EffectiveKeys.ContainsKey(signer))
        {
            failures.Add($"DevServer:WebhookApiKey '{signer}' is not one of DevServer:Keys.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
