namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>Who a voice in the call room belongs to.</summary>
public enum SpeakerRole
{
    Caller,
    Agent,
}
