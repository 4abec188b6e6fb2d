using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter with the three policies of <see cref="RateLimitPolicies"/>, partitioned by the
/// authenticated identity or else the client address, so one noisy client never slows anyone else down.
/// </summary>
internal static class RateLimitingExtensions
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            limiter.AddPolicy(RateLimitPolicies.Tokens, context => Bucket(context, "tokens", limits.TokensPerSecond, limits.TokensBurst));
            limiter.AddPolicy(RateLimitPolicies.Transfers, context => Bucket(context, "transfers", limits.TransferCommandsPerSecond, limits.TransferCommandsBurst));
            limiter.AddPolicy(RateLimitPolicies.Login, context => RateLimitPartition.GetFixedWindowLimiter(
                "login:" + Client(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.LoginsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    private static RateLimitPartition<string> Bucket(HttpContext context, string policy, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(
            policy + ":" + Client(context),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    private static string Client(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } identity
            ? "id:" + identity
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = string.Create(CultureInfo.InvariantCulture, $"This client is over its request budget for this endpoint; retry in {seconds} s."),
            },
        }).ConfigureAwait(false);
    }
}
