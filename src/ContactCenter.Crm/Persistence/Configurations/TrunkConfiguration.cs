using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class TrunkConfiguration : IEntityTypeConfiguration<Trunk>
{
    public void Configure(EntityTypeBuilder<Trunk> builder)
    {
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasMaxLength(Trunk.MaxNameLength);
        builder.Property(t => t.Address).HasMaxLength(64);
        builder.Property(t => t.Transport).HasMaxLength(8);
        builder.Property(t => t.AuthUser).HasMaxLength(100);
        builder.Property(t => t.Password).HasMaxLength(200);
        builder.Property(t => t.Realm).HasMaxLength(100);
        builder.Property(t => t.RegisterUser).HasMaxLength(100);
        builder.Property(t => t.RegisterDomain).HasMaxLength(100);
        builder.Property(t => t.CallerId).HasMaxLength(20);
        builder.HasMany(t => t.Numbers).WithOne().HasForeignKey(n => n.TrunkName).OnDelete(DeleteBehavior.Cascade);
    }
}
