using System.Net;
using Polly.Timeout;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Tests.Resilience;

public sealed class EngineErrorsTests
{
    public static TheoryData<Exception, EngineErrorKind, bool> Cases => new()
    {
        { new HttpRequestException("x", null, HttpStatusCode.TooManyRequests), EngineErrorKind.RateLimited, true },
        { new HttpRequestException("x", null, HttpStatusCode.BadGateway), EngineErrorKind.ServerError, true },
        { new HttpRequestException("x", null, HttpStatusCode.Unauthorized), EngineErrorKind.Unauthorized, false },
        { new HttpRequestException("x", null, HttpStatusCode.UnprocessableEntity), EngineErrorKind.BadRequest, false },
        { new HttpRequestException(HttpRequestError.ConnectionError, "refused"), EngineErrorKind.Unavailable, true },
        { new TimeoutRejectedException(), EngineErrorKind.Timeout, true },
        { new DllNotFoundException("libx"), EngineErrorKind.NotInstalled, false },
        { new InvalidDataException("bad wav"), EngineErrorKind.UnsupportedInput, false },
        { new InvalidOperationException("bug"), EngineErrorKind.Unknown, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_ProviderException_MapsToKindAndRetryability(Exception exception, EngineErrorKind kind, bool retryable)
    {
        var error = EngineErrors.Classify(exception, "openai");

        Assert.Equal(kind, error.Kind);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal("openai", error.Provider);
        Assert.StartsWith("openai", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseRetryAfter_SecondsAndDates_AreDelays()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(3), EngineErrors.ParseRetryAfter("3", now));
        Assert.Equal(TimeSpan.FromSeconds(30), EngineErrors.ParseRetryAfter("Thu, 01 Jan 2026 12:00:30 GMT", now));
        Assert.Null(EngineErrors.ParseRetryAfter("soon", now));
    }
}
