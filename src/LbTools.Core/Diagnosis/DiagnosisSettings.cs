using System;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis
{
    /// <summary>User overrides of the provider profiles; null keeps the documented default.</summary>
    public sealed class DiagnosisSettings
    {
        public TimeSpan? ConnectTimeout { get; set; }

        public TimeSpan? RequestTimeout { get; set; }

        public TimeSpan? IdleTimeout { get; set; }

        public long? HeaderLimitBytes { get; set; }

        public long? UriLimitBytes { get; set; }

        public TimeSpan? DeregistrationDelay { get; set; }

        public int? BurstPerSecond { get; set; }

        /// <summary>The provider's profile with these overrides applied.</summary>
        public ProviderProfile ProfileFor(LbProvider provider)
        {
            var profile = ProviderProfile.For(provider);
            profile.ConnectTimeout = ConnectTimeout ?? profile.ConnectTimeout;
            profile.RequestTimeout = RequestTimeout ?? profile.RequestTimeout;
            profile.IdleTimeout = IdleTimeout ?? profile.IdleTimeout;
            profile.HeaderLimitBytes = HeaderLimitBytes ?? profile.HeaderLimitBytes;
            profile.TotalHeaderLimitBytes = Math.Max(profile.TotalHeaderLimitBytes, profile.HeaderLimitBytes);
            profile.UriLimitBytes = UriLimitBytes ?? profile.UriLimitBytes;
            profile.DeregistrationDelay = DeregistrationDelay ?? profile.DeregistrationDelay;
            profile.BurstPerSecond = BurstPerSecond ?? profile.BurstPerSecond;
            return profile;
        }
    }
}
