namespace LiveKit.Api.Tests.Twirp;

public sealed class TwirpErrorsTests
{
    public static TheoryData<string, string, string, int> Errors() => new()
    {
        { nameof(TwirpErrors.PermissionDenied), TwirpErrorCode.Unauthenticated, "permissions denied", 401 },
        { nameof(TwirpErrors.RoomNotFound), TwirpErrorCode.NotFound, "requested room does not exist", 404 },
        { nameof(TwirpErrors.ParticipantNotFound), TwirpErrorCode.NotFound, "participant does not exist", 404 },
        { nameof(TwirpErrors.TrackNotFound), TwirpErrorCode.NotFound, "track is not found", 404 },
        { nameof(TwirpErrors.InvalidApiKey), TwirpErrorCode.Unauthenticated, "invalid API key", 401 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Factory_UsesLiveKitsCodeAndMessage(string factory, string code, string message, int status)
    {
        var e = (TwirpException)typeof(TwirpErrors).GetMethod(factory)!.Invoke(null, null)!;

        Assert.Equal((code, message, status), (e.Code, e.Message, e.HttpStatus));
    }

    [Fact]
    public void Unimplemented_NamesMethod_501()
    {
        var e = TwirpErrors.Unimplemented("ForwardParticipant");

        Assert.Equal((TwirpErrorCode.Unimplemented, 501), (e.Code, e.HttpStatus));
        Assert.Contains("ForwardParticipant", e.Message, StringComparison.Ordinal);
    }
}
