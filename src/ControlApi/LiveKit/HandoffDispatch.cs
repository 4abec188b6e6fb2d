namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>Job metadata of the bot's dispatch into a handoff room: <c>{"kind":"handoff","transferId","callRoom","handoffRoom"}</c>.</summary>
internal sealed record HandoffDispatch(string Kind, string TransferId, string CallRoom, string HandoffRoom);
