using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class PriceListColumnConfiguration : IEntityTypeConfiguration<PriceListColumn>
{
    public void Configure(EntityTypeBuilder<PriceListColumn> builder)
    {
        builder.HasKey(c => new { c.PriceListId, c.Index });
        builder.ToTable(t => t.HasCheckConstraint("ck_price_list_columns_index", "index >= 1"));
    }
}
