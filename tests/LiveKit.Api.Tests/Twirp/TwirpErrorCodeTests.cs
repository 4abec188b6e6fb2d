namespace LiveKit.Api.Tests.Twirp;

public sealed class TwirpErrorCodeTests
{
    [Theory]
    [InlineData(TwirpErrorCode.InvalidArgument, 400)]
    [InlineData(TwirpErrorCode.Malformed, 400)]
    [InlineData(TwirpErrorCode.OutOfRange, 400)]
    [InlineData(TwirpErrorCode.Unauthenticated, 401)]
    [InlineData(TwirpErrorCode.PermissionDenied, 403)]
    [InlineData(TwirpErrorCode.NotFound, 404)]
    [InlineData(TwirpErrorCode.BadRoute, 404)]
    [InlineData(TwirpErrorCode.Canceled, 408)]
    [InlineData(TwirpErrorCode.DeadlineExceeded, 408)]
    [InlineData(TwirpErrorCode.AlreadyExists, 409)]
    [InlineData(TwirpErrorCode.Aborted, 409)]
    [InlineData(TwirpErrorCode.FailedPrecondition, 412)]
    [InlineData(TwirpErrorCode.ResourceExhausted, 429)]
    [InlineData(TwirpErrorCode.Unimplemented, 501)]
    [InlineData(TwirpErrorCode.Unavailable, 503)]
    [InlineData(TwirpErrorCode.Internal, 500)]
    [InlineData(TwirpErrorCode.Unknown, 500)]
    [InlineData(TwirpErrorCode.DataLoss, 500)]
    public void GetHttpStatus_EachCode_MatchesTwirpSpec(string code, int status)
    {
        Assert.Equal(status, TwirpErrorCode.GetHttpStatus(code));
        Assert.True(TwirpErrorCode.IsDefined(code));
    }

    [Theory]
    [InlineData(302, TwirpErrorCode.Internal)]
    [InlineData(400, TwirpErrorCode.Internal)]
    [InlineData(401, TwirpErrorCode.Unauthenticated)]
    [InlineData(403, TwirpErrorCode.PermissionDenied)]
    [InlineData(404, TwirpErrorCode.BadRoute)]
    [InlineData(429, TwirpErrorCode.Unavailable)]
    [InlineData(502, TwirpErrorCode.Unavailable)]
    [InlineData(503, TwirpErrorCode.Unavailable)]
    [InlineData(504, TwirpErrorCode.Unavailable)]
    [InlineData(500, TwirpErrorCode.Unknown)]
    public void FromHttpStatus_NonTwirpResponse_MapsPerSpec(int status, string code)
    {
        Assert.Equal(code, TwirpErrorCode.FromHttpStatus(status));
    }

    [Fact]
    public void IsDefined_UnknownCode_False()
    {
        Assert.False(TwirpErrorCode.IsDefined("teapot"));
        Assert.Equal(500, TwirpErrorCode.GetHttpStatus("teapot"));
    }
}
