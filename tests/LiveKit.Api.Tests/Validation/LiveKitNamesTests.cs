namespace LiveKit.Api.Tests.Validation;

public sealed class LiveKitNamesTests
{
    [Theory]
    [InlineData("call-42")]
    [InlineData("Raum für Übergabe 🚀")]
    [InlineData("with/slash and spaces")]
    [InlineData("x")]
    public void GetRoomNameError_Usable_Null(string name)
    {
        Assert.Null(LiveKitNames.GetRoomNameError(name));
    }

    [Fact]
    public void GetRoomNameError_Exactly256Bytes_Null()
    {
        Assert.Null(LiveKitNames.GetRoomNameError(new string('é', 128)));
    }

    [Theory]
    [InlineData(null, "Room name must not be empty.")]
    [InlineData("", "Room name must not be empty.")]
    [InlineData("   ", "Room name must not be only whitespace.")]
    [InlineData("line\nbreak", "Room name has a control character (U+000A) at index 4.")]
    [InlineData("nul\u0000", "Room name has a control character (U+0000) at index 3.")]
    public void GetRoomNameError_Unusable_SaysWhy(string? name, string expected)
    {
        Assert.Equal(expected, LiveKitNames.GetRoomNameError(name));
    }

    [Fact]
    public void GetRoomNameError_UnpairedSurrogate_SaysWhy()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate.
        var name = "bad" + (char)0xD800;

        Assert.Equal("Room name has an unpaired surrogate (U+D800) at index 3; it is not valid Unicode.", LiveKitNames.GetRoomNameError(name));
    }

    [Fact]
    public void GetRoomNameError_257Bytes_SaysLength()
    {
        Assert.Equal("Room name is 258 bytes long in UTF-8; LiveKit allows at most 256.", LiveKitNames.GetRoomNameError(new string('é', 129)));
    }

    [Fact]
    public void GetIdentityError_Empty_NamesIdentity()
    {
        Assert.Equal("Participant identity must not be empty.", LiveKitNames.GetIdentityError(""));
    }

    [Fact]
    public void GetParticipantNameError_EmptyAllowed_TooLongNot()
    {
        Assert.Null(LiveKitNames.GetParticipantNameError(""));
        Assert.NotNull(LiveKitNames.GetParticipantNameError(new string('n', 257)));
    }

    [Fact]
    public void ValidateRoomName_Unusable_ThrowsWithParamName()
    {
        var e = Assert.Throws<ArgumentException>(() => LiveKitNames.ValidateRoomName("", "room"));

        Assert.Equal("room", e.ParamName);
        Assert.StartsWith("Room name must not be empty.", e.Message, StringComparison.Ordinal);
    }
}
