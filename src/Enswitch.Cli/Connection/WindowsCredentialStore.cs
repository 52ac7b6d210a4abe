using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using FileTime = System.Runtime.InteropServices.ComTypes.FILETIME;

namespace Enswitch.Cli.Connection;

/// <summary>
/// Windows Credential Manager: a generic credential <c>enswitch:NAME</c> per profile, persisted for this user on this
/// machine, holding the password as UTF-16 (as Windows' own tools write generic credentials). Called through
/// advapi32's <c>CredWriteW</c>, <c>CredReadW</c> and <c>CredDeleteW</c> with source-generated P/Invoke, so it works in
/// the Native AOT build. Not exercised by CI, which runs on Linux.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed partial class WindowsCredentialStore : ISecretStore
{
    private const uint GenericCredential = 1;       // CRED_TYPE_GENERIC
    private const uint PersistLocalMachine = 2;     // CRED_PERSIST_LOCAL_MACHINE: this user, this machine, across logons
    private const int NotFound = 1168;              // ERROR_NOT_FOUND
    private const int MaxBlobBytes = 5 * 512;       // CRED_MAX_CREDENTIAL_BLOB_SIZE
    private const int MaxCommentChars = 255;        // CRED_MAX_STRING_LENGTH, less the terminator

    /// <inheritdoc/>
    public string Name => "Windows Credential Manager";

    /// <inheritdoc/>
    public bool IsAvailable => true;

    /// <summary>Returns the credential's target name for <paramref name="profile"/>.</summary>
    public static string Target(string profile) => "enswitch:" + profile;

    /// <inheritdoc/>
    public unsafe Task<string?> ReadAsync(string profile, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!CredRead(Target(profile), GenericCredential, 0, out var found))
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NotFound ? Task.FromResult<string?>(null) : throw Failure($"reading the password of profile '{profile}'", error);
        }

        try
        {
            var credential = (Credential*)found;
            var password = new string((char*)credential->CredentialBlob, 0, (int)(credential->CredentialBlobSize / sizeof(char)));
            return Task.FromResult<string?>(password.Length == 0 ? null : password);
        }
        finally
        {
            CredFree(found);
        }
    }

    /// <inheritdoc/>
    public unsafe Task WriteAsync(string profile, string label, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var blob = System.Text.Encoding.Unicode.GetBytes(password);
        try
        {
            if (blob.Length > MaxBlobBytes)
            {
                throw new CliUsageException($"The password is longer than Windows Credential Manager keeps ({MaxBlobBytes / sizeof(char)} characters).");
            }

            var comment = label.Length > MaxCommentChars ? label[..MaxCommentChars] : label;
            fixed (char* target = Target(profile))
            fixed (char* note = comment)
            fixed (byte* data = blob)
            {
                var credential = new Credential
                {
                    Type = GenericCredential,
                    TargetName = target,
                    Comment = note,
                    CredentialBlobSize = (uint)blob.Length,
                    CredentialBlob = data,
                    Persist = PersistLocalMachine,
                };
                if (!CredWrite(&credential, 0))
                {
                    throw Failure($"saving the password of profile '{profile}'", Marshal.GetLastPInvokeError());
                }
            }

            return Task.CompletedTask;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string profile, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!CredDelete(Target(profile), GenericCredential, 0))
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != NotFound)
            {
                throw Failure($"removing the password of profile '{profile}'", error);
            }
        }

        return Task.CompletedTask;
    }

    private CliUsageException Failure(string operation, int error) =>
        new($"{Name}: {operation} failed ({new Win32Exception(error).Message}, error {error}). Where Credential Manager cannot be used, run enswitch login with --password-source environment and set ENSWITCH_PASSWORD at each run.");

    [LibraryImport("advapi32.dll", EntryPoint = "CredReadW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CredRead(string targetName, uint type, uint flags, out nint credential);

    [LibraryImport("advapi32.dll", EntryPoint = "CredWriteW", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static unsafe partial bool CredWrite(Credential* credential, uint flags);

    [LibraryImport("advapi32.dll", EntryPoint = "CredDeleteW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CredDelete(string targetName, uint type, uint flags);

    [LibraryImport("advapi32.dll", EntryPoint = "CredFree")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial void CredFree(nint buffer);

    // CREDENTIALW, field for field.
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Credential
    {
        public uint Flags;
        public uint Type;
        public char* TargetName;
        public char* Comment;
        public FileTime LastWritten;
        public uint CredentialBlobSize;
        public byte* CredentialBlob;
        public uint Persist;
        public uint AttributeCount;
        public nint Attributes;
        public char* TargetAlias;
        public char* UserName;
    }
}
