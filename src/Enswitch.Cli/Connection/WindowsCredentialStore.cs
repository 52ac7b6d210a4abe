using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using FileTime = System.Runtime.InteropServices.ComTypes.FILETIME;

namespace Enswitch.Cli.Connection;

/// <summary>
/// Windows Credential Manager: a generic credential <c>enswitch:ID</c> per <see cref="SecretKey"/> (its random id),
/// persisted for this user on this machine, holding the password as UTF-16 (as Windows' own tools write generic
/// credentials), with the API user as its user name and the key's label (profile, user, server) as its comment. A read
/// or a removal finds only a credential whose user name and comment match, that is one saved for that profile, server
/// and user. Called through
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

    /// <summary>Returns the credential's target name for <paramref name="key"/>.</summary>
    public static string Target(SecretKey key) => "enswitch:" + key.Id;

    /// <inheritdoc/>
    public Task<string?> ReadAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(key, "reading", readPassword: true));
    }

    /// <inheritdoc/>
    public unsafe Task WriteAsync(SecretKey key, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var blob = System.Text.Encoding.Unicode.GetBytes(password);
        try
        {
            if (blob.Length > MaxBlobBytes)
            {
                throw new CliUsageException($"The password is longer than Windows Credential Manager keeps ({MaxBlobBytes / sizeof(char)} characters).");
            }

            fixed (char* target = Target(key))
            fixed (char* note = Comment(key))
            fixed (char* user = key.User)
            fixed (byte* data = blob)
            {
                var credential = new Credential
                {
                    Type = GenericCredential,
                    TargetName = target,
                    Comment = note,
                    UserName = user,
                    CredentialBlobSize = (uint)blob.Length,
                    CredentialBlob = data,
                    Persist = PersistLocalMachine,
                };
                if (!CredWrite(&credential, 0))
                {
                    throw Failure($"saving the password of profile '{key.Profile}'", Marshal.GetLastPInvokeError());
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
    public Task DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Find(key, "removing", readPassword: false) is not null && !CredDelete(Target(key), GenericCredential, 0))
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != NotFound)
            {
                throw Failure($"removing the password of profile '{key.Profile}'", error);
            }
        }

        return Task.CompletedTask;
    }

    // The comment is the label, cut to what Credential Manager keeps.
    private static string Comment(SecretKey key) => key.Label.Length > MaxCommentChars ? key.Label[..MaxCommentChars] : key.Label;

    // Returns the password of the credential saved for key (or, without readPassword, an empty text standing for it), or
    // null when there is none or it was saved for another profile, server or user.
    private unsafe string? Find(SecretKey key, string operation, bool readPassword)
    {
        if (!CredRead(Target(key), GenericCredential, 0, out var found))
        {
            var error = Marshal.GetLastPInvokeError();
            return error == NotFound ? null : throw Failure($"{operation} the password of profile '{key.Profile}'", error);
        }

        try
        {
            var credential = (Credential*)found;
            var user = credential->UserName is null ? null : new string(credential->UserName);
            var comment = credential->Comment is null ? null : new string(credential->Comment);
            if (user != key.User || comment != Comment(key))
            {
                return null;
            }

            if (!readPassword)
            {
                return string.Empty;
            }

            var password = new string((char*)credential->CredentialBlob, 0, (int)(credential->CredentialBlobSize / sizeof(char)));
            return password.Length == 0 ? null : password;
        }
        finally
        {
            CredFree(found);
        }
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
