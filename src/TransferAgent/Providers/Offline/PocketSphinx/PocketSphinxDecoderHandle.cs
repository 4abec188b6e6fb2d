using Microsoft.Win32.SafeHandles;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>
/// Owns a ps_decoder_t; released with ps_free (which also drops the decoder's native reference on its configuration).
/// It holds a reference on the <see cref="PocketSphinxConfigHandle"/> it was made from, so the configuration (and the
/// argument strings it may point into) outlives the decoder even when finalizers run in any order.
/// </summary>
internal sealed class PocketSphinxDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private PocketSphinxConfigHandle? _config;

    public PocketSphinxDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    public void HoldConfiguration(PocketSphinxConfigHandle config)
    {
        bool added = false;
        config.DangerousAddRef(ref added);
        _config = config;
    }

    protected override bool ReleaseHandle()
    {
        bool ok = PocketSphinxNative.Free(handle) >= 0;
        _config?.DangerousRelease();
        return ok;
    }
}
