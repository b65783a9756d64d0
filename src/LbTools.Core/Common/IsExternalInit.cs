// netstandard2.0 lacks the marker type the compiler needs for init-only setters and records.
// The compiler looks for it by this exact name, so it cannot live in the folder's namespace.
#pragma warning disable IDE0130
namespace System.Runtime.CompilerServices
#pragma warning restore IDE0130
{
    internal static class IsExternalInit
    {
    }
}
