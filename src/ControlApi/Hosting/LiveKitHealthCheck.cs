using Microsoft.Extensions.Diagnostics.HealthChecks;
using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>Readiness: the LiveKit server answers an authenticated ListRooms.</summary>
internal sealed class LiveKitHealthCheck(ILiveKitGateway liveKit) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await liveKit.ListRoomsAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("LiveKit answers");
        }
        catch (LiveKitUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
