using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Kombu.Transport.Sqs;

/// <summary>Credentials of an assumed IAM role (<c>sts_role_arn</c>), assumed again when they expire.</summary>
/// <remarks>
/// Kombu's <c>_handle_sts_session</c>: STS <c>AssumeRole</c> with session name <c>Celery</c> and
/// <c>DurationSeconds = sts_token_timeout</c>; a new token is taken <c>sts_token_buffer_time</c> seconds before the
/// current one expires.
/// </remarks>
internal sealed class SqsAssumedRoleCredentials : RefreshingAWSCredentials
{
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly string _roleArn;
    private readonly int _durationSeconds;

    public SqsAssumedRoleCredentials(AmazonSecurityTokenServiceClient sts, string roleArn, int durationSeconds, TimeSpan buffer)
    {
        _sts = sts;
        _roleArn = roleArn;
        _durationSeconds = durationSeconds;
        ExpirationBuffer = buffer;
    }

    // AWSSDK has no synchronous STS call on .NET; the SQS transport only ever asks for credentials asynchronously.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits",
        Justification = "AWSSDK's synchronous refresh hook, which the transport never calls; it can only wait on the async one.")]
    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var response = await _sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = _roleArn,
            RoleSessionName = "Celery",
            DurationSeconds = _durationSeconds,
        }).ConfigureAwait(false);
        var credentials = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            credentials.Expiration ?? DateTime.UtcNow.AddSeconds(_durationSeconds));
    }
}
