using System.Runtime.InteropServices;

namespace CertPortal.Hosting;

/// <summary>
/// Caps glibc's malloc arenas at two, as setting MALLOC_ARENA_MAX=2 would. glibc gives busy threads arenas of their
/// own, up to eight per core; SQLite's page caches and statements land in them and each keeps its freed memory: about
/// 30 MB of the portal's resident memory on the dashboard benchmark (README, "Watching"). An explicit MALLOC_ARENA_MAX
/// wins; other C libraries (musl has no such call) and systems are left alone.
/// </summary>
public static class MallocArenas
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void Limit(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
            return;
        try
        {
            mallopt(ArenaMax, arenas);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc: nothing to cap.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
