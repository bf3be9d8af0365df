using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> builder)
    {
        builder.HasIndex(p => p.Name).IsUnique();
        builder.HasMany(p => p.Columns).WithOne().HasForeignKey(c => c.PriceListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.PriceListId).OnDelete(DeleteBehavior.Cascade);
    }
}
