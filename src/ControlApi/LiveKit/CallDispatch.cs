namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>Job metadata of the bot's dispatch into a call room: <c>{"kind":"call","callRoom"}</c>.</summary>
internal sealed record CallDispatch(string Kind, string CallRoom);
