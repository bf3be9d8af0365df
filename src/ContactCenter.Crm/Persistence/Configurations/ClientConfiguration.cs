using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasIndex(c => c.Name);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Property(c => c.ExternalId).HasMaxLength(64);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.Receivers).HasDefaultValueSql("'{}'::text[]");
        builder.HasOne(c => c.ClientType).WithMany().HasForeignKey(c => c.ClientTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.AssignedManager).WithMany().HasForeignKey(c => c.AssignedManagerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Receivables).WithOne().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
