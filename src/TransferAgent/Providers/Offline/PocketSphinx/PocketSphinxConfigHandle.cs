using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>
/// Owns a cmd_ln_t built from an argument vector, and the UTF-8 copies of the arguments: sphinxbase may keep
/// pointers into argv, so they live exactly as long as the configuration (released after cmd_ln_free_r).
/// </summary>
internal sealed unsafe class PocketSphinxConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private IntPtr[] _argv = [];

    public PocketSphinxConfigHandle()
        : base(ownsHandle: true)
    {
    }

    public static PocketSphinxConfigHandle Parse(IReadOnlyList<string> arguments)
    {
        var config = new PocketSphinxConfigHandle { _argv = new IntPtr[arguments.Count] };
        for (int i = 0; i < arguments.Count; i++)
        {
            config._argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
        }

        fixed (IntPtr* argv = config._argv)
        {
            config.SetHandle(PocketSphinxNative.ParseCommandLine(IntPtr.Zero, PocketSphinxNative.Args(), arguments.Count, argv, 1));
        }

        return config;
    }

    protected override bool ReleaseHandle()
    {
        _ = PocketSphinxNative.FreeCommandLine(handle); // returns the remaining reference count
        foreach (var arg in _argv)
        {
            Marshal.FreeCoTaskMem(arg);
        }

        _argv = [];
        return true;
    }
}
