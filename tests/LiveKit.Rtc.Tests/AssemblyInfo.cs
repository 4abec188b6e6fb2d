// The native core is process-wide and RtcRuntime.LiveHandleCount counts every handle of the process:
// tests run one at a time so handle accounting is exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
