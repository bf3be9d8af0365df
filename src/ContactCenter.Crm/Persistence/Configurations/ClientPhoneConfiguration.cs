using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class ClientPhoneConfiguration : IEntityTypeConfiguration<ClientPhone>
{
    public void Configure(EntityTypeBuilder<ClientPhone> builder)
    {
        // One number identifies one client: the router looks callers up by it.
        builder.HasIndex(p => p.E164).IsUnique();
        builder.Property(p => p.E164).HasMaxLength(16);
        builder.ToTable(t => t.HasCheckConstraint("ck_client_phones_e164", "e164 ~ '^\\+[1-9][0-9]{4,14}$'"));
    }
}
