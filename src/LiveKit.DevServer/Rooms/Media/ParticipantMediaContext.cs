namespace LiveKit.DevServer.Rooms.Media;

/// <summary>Who a media session belongs to.</summary>
/// <param name="RoomName">The room the participant is in when the session is created (a move does not recreate it).</param>
/// <param name="ParticipantSid">The participant's <c>PA_</c> sid.</param>
/// <param name="Identity">The participant's identity (content: log only at Trace).</param>
/// <param name="SubscriberPrimary">
/// True when the subscriber connection is primary (v0 with subscribe permission): the server-created
/// <c>_reliable</c>/<c>_lossy</c> data channels live on the subscriber connection and
/// <see cref="IParticipantMedia.SendData"/> uses them.
/// </param>
internal sealed record ParticipantMediaContext(string RoomName, string ParticipantSid, string Identity, bool SubscriberPrimary);
