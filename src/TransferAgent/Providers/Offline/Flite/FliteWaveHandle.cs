using Microsoft.Win32.SafeHandles;

namespace WarmTransfer.TransferAgent.Providers.Offline.Flite;

/// <summary>Owns a cst_wave returned by flite_text_to_wave; released with delete_wave.</summary>
internal sealed class FliteWaveHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FliteWaveHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        FliteNative.DeleteWave(handle);
        return true;
    }
}
