using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class SipAccountConfiguration : IEntityTypeConfiguration<SipAccount>
{
    public void Configure(EntityTypeBuilder<SipAccount> builder)
    {
        builder.HasKey(a => a.Extension);
        builder.Property(a => a.Extension).HasMaxLength(16);
        builder.Property(a => a.DisplayName).HasMaxLength(100);
        builder.Property(a => a.Realm).HasMaxLength(100);
        builder.Property(a => a.Ha1Md5).HasMaxLength(32);
        builder.Property(a => a.Ha1Sha256).HasMaxLength(64);
    }
}
