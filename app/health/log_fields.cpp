#include "health/log_fields.h"

#include "core/error.h"

namespace kiosk::health {

namespace {

thread_local std::vector<LogFields::Field> open_fields;

bool journal_field_name(const std::string& name)
{
    if (name.empty() || name.size() > 64 || name.front() == '_' || (name.front() >= '0' && name.front() <= '9'))
        return false;
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

} // namespace

LogFields::LogFields(std::initializer_list<Field> fields) : added_(0)
{
    for (const auto& field : fields)
        if (!journal_field_name(field.first))
            throw InputError("not a journal field name: " + field.first);
    open_fields.insert(open_fields.end(), fields.begin(), fields.end());
    added_ = fields.size();
}

LogFields::~LogFields()
{
    open_fields.resize(open_fields.size() - added_);
}

const std::vector<LogFields::Field>& LogFields::current()
{
    return open_fields;
}

} // namespace kiosk::health
