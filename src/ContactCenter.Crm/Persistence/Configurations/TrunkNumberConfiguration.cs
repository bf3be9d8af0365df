using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class TrunkNumberConfiguration : IEntityTypeConfiguration<TrunkNumber>
{
    public void Configure(EntityTypeBuilder<TrunkNumber> builder)
    {
        builder.HasKey(n => n.Number);
        builder.Property(n => n.Number).HasMaxLength(20);
        builder.Property(n => n.TrunkName).HasMaxLength(Trunk.MaxNameLength);
        builder.Property(n => n.Target).HasMaxLength(16);
    }
}
