import { z } from 'zod';

// Generic zod messages in Chinese ("无效输入：期望 数字 …"); field-specific ones are written in the schemas.
z.config(z.locales.zhCN());
