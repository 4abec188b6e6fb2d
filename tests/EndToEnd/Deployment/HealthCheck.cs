namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// <c>HEALTHCHECK [options] CMD command</c>. A shell-form command is run as <c>/bin/sh -c command</c> inside the
/// container, as the container's user; exit 0 is healthy. Each run is stopped after <paramref name="Timeout"/>.
/// </summary>
public sealed record HealthCheck(string Command, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod)
{
    // Docker's defaults when an option is not given.
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultRetries = 3;
}
